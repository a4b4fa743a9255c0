export default definePageConfig({
  navigationBarTitleText: '店员工作台',
  navigationBarBackgroundColor: '#e93b3d',
  navigationBarTextStyle: 'white',
  backgroundColor: '#e93b3d',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
