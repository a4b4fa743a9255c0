import { Image, ScrollView, Text, View } from '@tarojs/components';
import { SectionHeader } from '../../../components/SectionHeader';
import type { LiveRoom } from '../../../services/live';
import { mediaUrl } from '../../../utils/media';
import { openPage } from '../../../utils/navigate';
import { formatShanghaiDateTime } from '../../../utils/time';
import { upcomingRoutes } from '../../../routes';

/** 直播: rooms on air first, then the upcoming ones. */
export function LiveSection({ rooms }: { rooms: LiveRoom[] }) {
  const visible = rooms.filter((room) => room.status !== 'ended').sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live'));
  if (visible.length === 0) return null;
  return (
    <View className="home-section card">
      <SectionHeader
        title="直播"
        extra={<Text className="home-section__hint">主播带你逛门店</Text>}
        onMore={() => openPage(upcomingRoutes.lives())}
      />
      <ScrollView scrollX className="home-live__scroller" enhanced showScrollbar={false}>
        {visible.map((room) => (
          <View key={room.id} className="home-live__item" onClick={() => openPage(upcomingRoutes.live({ id: room.id }))}>
            <Image className="home-live__cover" src={mediaUrl(room.coverUrl)} mode="aspectFill" lazyLoad />
            {room.status === 'live' ? (
              <View className="home-live__badge home-live__badge--live">
                <View className="home-live__pulse" />
                <Text>直播中</Text>
              </View>
            ) : (
              <View className="home-live__badge home-live__badge--scheduled">
                <Text>预告 {formatShanghaiDateTime(room.startsAt)}</Text>
              </View>
            )}
            <View className="home-live__caption">
              <Text className="home-live__title">{room.title}</Text>
              <Text className="home-live__host">{room.hostName}</Text>
            </View>
          </View>
        ))}
      </ScrollView>
    </View>
  );
}
