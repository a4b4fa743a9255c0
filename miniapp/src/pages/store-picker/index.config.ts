export default definePageConfig({
  navigationBarTitleText: '选择自提门店',
});
