export default definePageConfig({
  navigationBarTitleText: '售后审核',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
});
