import { Image, ScrollView, Text, View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import type { Category } from '../../../services/catalog';
import { mediaUrl } from '../../../utils/media';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

/** The right pane: the chosen parent's sub-categories as an icon grid. */
export function ChildGrid({ parent }: { parent: Category }) {
  // The search results page doubles as the category's product list.
  const openList = (category: Pick<Category, 'id' | 'name'>) => openPage(routes.search({ categoryId: category.id, title: category.name }));
  return (
    <ScrollView scrollY className="category-pane">
      <View className="category-pane__head" onClick={() => openList(parent)}>
        <Text className="category-pane__title">{parent.name}</Text>
        <View className="category-pane__all">
          <Text>查看全部</Text>
          <View className="chevron category-pane__chevron" />
        </View>
      </View>
      {parent.children.length === 0 ? (
        <StateView kind="empty" title="暂无子分类" description="点击上方“查看全部”浏览商品" />
      ) : (
        <View className="category-pane__grid">
          {parent.children.map((child) => (
            <View key={child.id} className="category-pane__item" onClick={() => openList(child)}>
              {child.iconUrl ? (
                <Image className="category-pane__icon" src={mediaUrl(child.iconUrl)} mode="aspectFill" lazyLoad />
              ) : (
                <View className="category-pane__icon category-pane__icon--initial">
                  <Text>{child.name.slice(0, 1)}</Text>
                </View>
              )}
              <Text className="category-pane__name">{child.name}</Text>
            </View>
          ))}
        </View>
      )}
    </ScrollView>
  );
}
