import { Image, Text, View } from '@tarojs/components';
import type { Category } from '../../../services/catalog';
import { focusCategory } from '../../../stores/categoryFocus';
import { mediaUrl } from '../../../utils/media';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

const MAX_SHORTCUTS = 10;

/** Up to two rows of top-level categories; a tap opens that category on the 分类 tab. */
export function CategoryShortcuts({ categories }: { categories: Category[] }) {
  const open = (id: number) => {
    focusCategory(id);
    openPage(routes.category());
  };
  return (
    <View className="home-shortcuts card">
      {categories.slice(0, MAX_SHORTCUTS).map((category) => (
        <View key={category.id} className="home-shortcuts__item" onClick={() => open(category.id)}>
          {category.iconUrl ? (
            <Image className="home-shortcuts__icon" src={mediaUrl(category.iconUrl)} mode="aspectFill" />
          ) : (
            <View className="home-shortcuts__icon home-shortcuts__icon--initial">
              <Text>{category.name.slice(0, 1)}</Text>
            </View>
          )}
          <Text className="home-shortcuts__name">{category.name}</Text>
        </View>
      ))}
    </View>
  );
}
