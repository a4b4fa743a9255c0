export default definePageConfig({
  navigationBarTitleText: '分享领券',
  enableShareAppMessage: true,
});
