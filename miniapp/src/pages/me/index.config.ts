export default definePageConfig({
  navigationBarTitleText: '我的',
  navigationBarBackgroundColor: '#e93b3d',
  navigationBarTextStyle: 'white',
});
