import { Text, View } from '@tarojs/components';
import { formatFen } from '../../utils/money';
import './index.scss';

export interface PriceProps {
  fen: number;
  /** 划线价, shown struck through only when above `fen`. */
  listFen?: number | null;
  size?: 'sm' | 'md' | 'lg';
}

/** ¥12.90 with a small ¥ and decimals, the way shoppers read prices. */
export function Price({ fen, listFen, size = 'md' }: PriceProps) {
  const [yuan, cents] = formatFen(fen).split('.');
  const showList = listFen != null && listFen > fen;
  return (
    <View className={`price price--${size}`}>
      <Text className="price__symbol">¥</Text>
      <Text className="price__yuan">{yuan}</Text>
      <Text className="price__cents">.{cents}</Text>
      {showList && <Text className="price__list">¥{formatFen(listFen)}</Text>}
    </View>
  );
}
