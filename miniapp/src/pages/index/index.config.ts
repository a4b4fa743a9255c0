export default definePageConfig({
  navigationBarTitleText: '悦享生活',
  navigationBarBackgroundColor: '#e93b3d',
  navigationBarTextStyle: 'white',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
