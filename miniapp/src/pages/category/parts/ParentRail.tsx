import { ScrollView, Text, View } from '@tarojs/components';
import type { Category } from '../../../services/catalog';

interface ParentRailProps {
  parents: Category[];
  activeId: number;
  onSelect: (id: number) => void;
}

/** The left column of top-level categories. */
export function ParentRail({ parents, activeId, onSelect }: ParentRailProps) {
  return (
    <ScrollView scrollY className="category-rail">
      {parents.map((parent) => (
        <View
          key={parent.id}
          className={`category-rail__item ${parent.id === activeId ? 'category-rail__item--active' : ''}`}
          onClick={() => onSelect(parent.id)}
        >
          <Text className="category-rail__name">{parent.name}</Text>
        </View>
      ))}
    </ScrollView>
  );
}
