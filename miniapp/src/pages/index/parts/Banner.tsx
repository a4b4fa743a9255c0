import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import storeImage from '../../../assets/banner-store.png';
import type { FlashSale } from '../../../services/flashsale';
import type { GroupBuy } from '../../../services/groupbuy';
import type { LiveRoom } from '../../../services/live';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';
import { openPage } from '../../../utils/navigate';
import { formatShanghaiDateTime } from '../../../utils/time';
import { routes, upcomingRoutes, type PageUrl } from '../../../routes';

interface BannerProps {
  flashSales: FlashSale[];
  groupBuys: GroupBuy[];
  lives: LiveRoom[];
}

interface Slide {
  key: string;
  title: string;
  subtitle: string;
  tags: string[];
  image: string | null;
  /** The picture is landscape (live covers are 16:9). */
  wide?: boolean;
  url: PageUrl;
}

/**
 * The carousel: the shop's standing promise first, then what is on now — the live on air, the
 * next flash sale (opening 限时秒杀), the group buy ending soonest (its product) — each a tap away.
 */
export function Banner({ flashSales, groupBuys, lives }: BannerProps) {
  const slides = activitySlides(flashSales, groupBuys, lives);
  return (
    <Swiper
      className="home-banner"
      autoplay={slides.length > 0}
      circular={slides.length > 0}
      interval={4000}
      indicatorDots={slides.length > 0}
      indicatorColor="rgba(255, 255, 255, 0.45)"
      indicatorActiveColor="#ffffff"
    >
      <SwiperItem>
        <View className="home-banner__slide">
          <View className="home-banner__copy">
            <Text className="home-banner__title">线上下单 · 门店自提</Text>
            <Text className="home-banner__subtitle">就近门店备货，凭提货码到店即取</Text>
            <View className="home-banner__tags">
              <Text className="home-banner__tag">会员专享价</Text>
              <Text className="home-banner__tag">消费得积分</Text>
            </View>
          </View>
          <Image className="home-banner__art" src={storeImage} />
        </View>
      </SwiperItem>
      {slides.map((slide) => (
        <SwiperItem key={slide.key}>
          <View className="home-banner__slide" onClick={() => openPage(slide.url)}>
            <View className="home-banner__copy home-banner__copy--narrow">
              <Text className="home-banner__title">{slide.title}</Text>
              <Text className="home-banner__subtitle">{slide.subtitle}</Text>
              <View className="home-banner__tags">
                {slide.tags.map((tag) => (
                  <Text key={tag} className="home-banner__tag">
                    {tag}
                  </Text>
                ))}
              </View>
            </View>
            {slide.image && (
              <Image
                className={`home-banner__picture ${slide.wide ? 'home-banner__picture--wide' : ''}`}
                src={slide.image}
                mode="aspectFill"
              />
            )}
          </View>
        </SwiperItem>
      ))}
    </Swiper>
  );
}

function activitySlides(flashSales: FlashSale[], groupBuys: GroupBuy[], lives: LiveRoom[]): Slide[] {
  const slides: Slide[] = [];
  const onAir = lives.find((room) => room.status === 'live');
  if (onAir) {
    slides.push({
      key: `live-${onAir.id}`,
      title: '正在直播',
      subtitle: onAir.title,
      tags: [onAir.hostName, '直播专享价'],
      image: mediaUrl(onAir.coverUrl) || null,
      wide: true,
      url: upcomingRoutes.live({ id: onAir.id }),
    });
  }
  const flash = flashSales.find((sale) => sale.state !== 'sold_out');
  if (flash) {
    const running = flash.state === 'running';
    slides.push({
      key: `flash-${flash.id}`,
      title: `限时秒杀 ¥${formatFen(flash.priceFen).replace(/\.00$/, '')}`,
      subtitle: flash.title,
      tags: [running ? '正在疯抢' : `${formatShanghaiDateTime(flash.startsAt)} 开抢`, '数量有限'],
      image: mediaUrl(flash.imageUrl) || null,
      url: routes.flash(),
    });
  }
  const group = groupBuys[0];
  if (group) {
    slides.push({
      key: `group-${group.id}`,
      title: `${group.groupSize}人拼 ¥${formatFen(group.groupPriceFen).replace(/\.00$/, '')}`,
      subtitle: group.title,
      tags: group.leaderPriceFen != null ? [`团长价 ¥${formatFen(group.leaderPriceFen)}`, '好友一起买'] : ['好友一起买', '成团到店取'],
      image: mediaUrl(group.imageUrl) || null,
      url: routes.product({ id: group.productId, skuId: group.skuId }),
    });
  }
  return slides;
}
