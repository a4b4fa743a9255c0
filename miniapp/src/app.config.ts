import { mainPages, subPackages, tabRoutes } from './routes';

// The pages come from the one route table (routes.ts), which also builds every link to them.
export default defineAppConfig({
  pages: mainPages,
  subPackages,
  // Inject only the components a page uses when it opens (WeChat's 按需注入), not every one at launch.
  lazyCodeLoading: 'requiredComponents',
  // The pickup-store picker sorts stores by distance (platform/location.ts). WeChat shows
  // `desc` when it asks, and refuses getLocation to mini-programs that do not declare it.
  permission: {
    'scope.userLocation': { desc: '用于为你推荐最近的自提门店' },
  },
  requiredPrivateInfos: ['getLocation'],
  // WeChat holds location, phone number and avatar until the customer agrees to the privacy
  // agreement; platform/privacy.ts answers wx.onNeedPrivacyAuthorization with our popup.
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: '悦享生活',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f6f6',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#999999',
    selectedColor: '#e93b3d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: tabRoutes.home.path,
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: tabRoutes.category.path,
        text: '分类',
        iconPath: 'assets/tabbar/category.png',
        selectedIconPath: 'assets/tabbar/category-active.png',
      },
      {
        pagePath: tabRoutes.cart.path,
        text: '购物车',
        iconPath: 'assets/tabbar/cart.png',
        selectedIconPath: 'assets/tabbar/cart-active.png',
      },
      {
        pagePath: tabRoutes.me.path,
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
});
