export default definePageConfig({
  navigationBarTitleText: '商品详情',
  enableShareAppMessage: true,
  // 分享到朋友圈 (useShareMoments).
  enableShareTimeline: true,
});
