export default definePageConfig({
  navigationBarTitleText: '限时秒杀',
  navigationBarBackgroundColor: '#e93b3d',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
  enablePullDownRefresh: true,
});
