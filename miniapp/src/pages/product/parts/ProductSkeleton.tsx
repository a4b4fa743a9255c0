import { View } from '@tarojs/components';
import { SkeletonBlock, SkeletonLines } from '../../../components/Skeleton';

/** The product page while it loads, in its own shape: picture, price and title, option rows, the bar. */
export function ProductSkeleton() {
  return (
    <View className="product product-skeleton page-root">
      <SkeletonBlock className="product-skeleton__gallery" />
      <View className="product-skeleton__card card">
        <SkeletonBlock className="skeleton--line" width="36%" height={48} />
        <SkeletonLines lines={2} className="product-skeleton__title" />
        <SkeletonBlock className="skeleton--line" width="50%" />
      </View>
      <View className="product-skeleton__card card">
        <SkeletonLines lines={3} />
      </View>
      <View className="product-bar product-skeleton__bar">
        <SkeletonBlock className="product-skeleton__icons" />
        <SkeletonBlock className="product-skeleton__actions" shape="pill" />
      </View>
    </View>
  );
}
