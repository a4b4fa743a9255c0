export default definePageConfig({
  navigationBarTitleText: '全部分类',
  // Pull down to reload the chosen category's products.
  enablePullDownRefresh: true,
});
