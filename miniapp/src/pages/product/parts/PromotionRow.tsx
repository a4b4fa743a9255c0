import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { getProductNudge, type ProductNudge } from '../../../services/cart';

/**
 * 满减: the running promotions covering this SKU ("满199减20，满399减50") and how far my selected
 * cart plus one of it is from the next tier ("再买¥12.00可减¥20"). Hidden when none covers it.
 */
export function PromotionRow({ skuId }: { skuId: number }) {
  const [nudge, setNudge] = useState<ProductNudge | null>(null);
  useEffect(() => {
    let live = true;
    getProductNudge(skuId, { silent: true }).then(
      (answer) => live && setNudge(answer),
      () => live && setNudge(null),
    );
    return () => {
      live = false;
    };
  }, [skuId]);

  if (!nudge || nudge.promotions.length === 0) return null;
  return (
    <View className="product-promotion card">
      <Text className="product-promotion__label">满减</Text>
      <View className="product-promotion__body">
        <Text className="product-promotion__rule">{nudge.promotions.map((p) => p.label).join('；')}</Text>
        {nudge.hint && <Text className="product-promotion__hint">{nudge.hint.text}</Text>}
      </View>
    </View>
  );
}
