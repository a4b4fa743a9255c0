import { Text, View } from '@tarojs/components';
import { SectionHeader } from '../../../components/SectionHeader';

/**
 * 商品评价: the place reviews will take (a later release adds them). Until then it says honestly
 * that there are none; it never shows made-up reviews.
 */
export function Reviews() {
  return (
    <View className="product-reviews card">
      <SectionHeader title="商品评价" extra={<Text className="product-reviews__count">(0)</Text>} />
      <View className="product-reviews__empty">
        <Text className="product-reviews__empty-title">暂无评价</Text>
        <Text className="product-reviews__empty-text">买过的顾客还没有留下评价</Text>
      </View>
    </View>
  );
}
