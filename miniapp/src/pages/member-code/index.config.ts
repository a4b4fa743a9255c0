export default definePageConfig({
  navigationBarTitleText: '会员码',
  navigationBarBackgroundColor: '#e93b3d',
  navigationBarTextStyle: 'white',
  backgroundColor: '#e93b3d',
});
