export default definePageConfig({
  navigationBarTitleText: '备货队列',
  enablePullDownRefresh: true,
});
