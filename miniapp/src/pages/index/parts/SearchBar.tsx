import { Image, Text, View } from '@tarojs/components';
import searchIcon from '../../../assets/search.png';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

export const SEARCH_PLACEHOLDER = '搜索商品、品牌，支持拼音';

/** A tap target that opens the search page; typing happens there. */
export function SearchBar() {
  return (
    <View className="home-search" onClick={() => openPage(routes.search())}>
      <Image className="home-search__icon" src={searchIcon} />
      <Text className="home-search__placeholder">{SEARCH_PLACEHOLDER}</Text>
    </View>
  );
}
