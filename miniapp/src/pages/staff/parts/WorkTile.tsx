import { Image, Text, View } from '@tarojs/components';

interface WorkTileProps {
  icon: string;
  title: string;
  /** The line under the title: a count, a hint. */
  sub: string;
  /** A red count in the corner for work waiting (hidden at 0 or unknown). */
  badge?: string | null;
  onClick: () => void;
}

/** One square of the workspace grid: a large tap target with an icon, a name and what waits there. */
export function WorkTile({ icon, title, sub, badge, onClick }: WorkTileProps) {
  return (
    <View className="work-tile card" hoverClass="work-tile--pressed" onClick={onClick}>
      <View className="work-tile__icon-box">
        <Image className="work-tile__icon" src={icon} />
      </View>
      <Text className="work-tile__title">{title}</Text>
      <Text className="work-tile__sub">{sub}</Text>
      {badge && <Text className="work-tile__badge">{badge}</Text>}
    </View>
  );
}
