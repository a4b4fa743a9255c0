import { View } from '@tarojs/components';
import { ProductGridSkeleton, SkeletonBlock } from '../../../components/Skeleton';

/** The home sections in outline while they load: category shortcuts, an activity card, best sellers. */
export function HomeSkeleton() {
  return (
    <View className="home-skeleton">
      <View className="home-shortcuts card">
        {Array.from({ length: 10 }, (_, index) => (
          <View key={index} className="home-shortcuts__item">
            <SkeletonBlock className="home-shortcuts__icon" shape="round" />
            <SkeletonBlock className="home-skeleton__name" />
          </View>
        ))}
      </View>
      <View className="home-section card home-skeleton__section">
        <View className="home-skeleton__head">
          <SkeletonBlock width={160} height={36} />
          <SkeletonBlock width={120} height={28} />
        </View>
        <View className="home-skeleton__tiles">
          {Array.from({ length: 3 }, (_, index) => (
            <View key={index} className="home-skeleton__tile">
              <SkeletonBlock className="home-skeleton__picture" />
              <SkeletonBlock className="skeleton--line" width="80%" />
              <SkeletonBlock className="skeleton--line home-skeleton__price" width="50%" />
            </View>
          ))}
        </View>
      </View>
      <View className="home-skeleton__hot">
        <SkeletonBlock width={160} height={36} />
        <ProductGridSkeleton count={4} className="home-skeleton__grid" />
      </View>
    </View>
  );
}
