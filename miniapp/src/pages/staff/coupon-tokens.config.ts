export default definePageConfig({
  navigationBarTitleText: '生成领券码',
});
