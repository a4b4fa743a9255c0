import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { BottomSheet } from '../../../components/BottomSheet';
import { PillButton } from '../../../components/PillButton';
import { fenToYuanInput } from '../../../utils/format';
import { yuanToFen } from '../../../utils/money';
import type { SearchFilters } from '../useSearch';

interface FilterSheetProps {
  open: boolean;
  /** Brands among the results (from the BFF, ignoring the brand filter). */
  brands: string[];
  filters: SearchFilters;
  onClose: () => void;
  onApply: (filters: SearchFilters) => void;
}

/** 筛选: one brand and a price range in yuan; nothing changes until 确定. */
export function FilterSheet({ open, brands, filters, onClose, onApply }: FilterSheetProps) {
  const [brand, setBrand] = useState<string | undefined>(filters.brand);
  const [minText, setMinText] = useState('');
  const [maxText, setMaxText] = useState('');

  // Each opening starts from what is applied now.
  useEffect(() => {
    if (!open) return;
    setBrand(filters.brand);
    setMinText(filters.minPrice !== undefined ? fenToYuanInput(filters.minPrice) : '');
    setMaxText(filters.maxPrice !== undefined ? fenToYuanInput(filters.maxPrice) : '');
  }, [open, filters]);

  const apply = () => {
    const min = yuanToFen(minText);
    const max = yuanToFen(maxText);
    if ((minText.trim() && min === null) || (maxText.trim() && max === null)) {
      void Taro.showToast({ title: '请输入正确的价格', icon: 'none' });
      return;
    }
    // Typed the wrong way round: swap rather than find nothing.
    const [low, high] = min !== null && max !== null && min > max ? [max, min] : [min, max];
    onApply({ brand, minPrice: low ?? undefined, maxPrice: high ?? undefined });
  };

  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      title="筛选"
      className="filter-sheet"
      footer={
        <View className="filter-sheet__actions">
          <PillButton
            variant="outline"
            className="filter-sheet__button"
            onClick={() => {
              setBrand(undefined);
              setMinText('');
              setMaxText('');
            }}
          >
            重置
          </PillButton>
          <PillButton className="filter-sheet__button" onClick={apply}>
            确定
          </PillButton>
        </View>
      }
    >
      <View className="filter-sheet__group">
        <Text className="filter-sheet__label">价格区间（元）</Text>
        <View className="filter-sheet__range">
          <Input
            className="filter-sheet__input"
            type="digit"
            value={minText}
            placeholder="最低价"
            placeholderClass="filter-sheet__placeholder"
            onInput={(event) => setMinText(event.detail.value)}
          />
          <View className="filter-sheet__dash" />
          <Input
            className="filter-sheet__input"
            type="digit"
            value={maxText}
            placeholder="最高价"
            placeholderClass="filter-sheet__placeholder"
            onInput={(event) => setMaxText(event.detail.value)}
          />
        </View>
      </View>
      {brands.length > 0 && (
        <View className="filter-sheet__group">
          <Text className="filter-sheet__label">品牌</Text>
          <View className="filter-sheet__chips">
            {brands.map((name) => (
              <Text
                key={name}
                className={`filter-sheet__chip ${brand === name ? 'filter-sheet__chip--on' : ''}`}
                onClick={() => setBrand(brand === name ? undefined : name)}
              >
                {name}
              </Text>
            ))}
          </View>
        </View>
      )}
    </BottomSheet>
  );
}
