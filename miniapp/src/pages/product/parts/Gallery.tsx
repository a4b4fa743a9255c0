import Taro from '@tarojs/taro';
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { mediaUrl } from '../../../utils/media';

/** The product pictures, full width and square; a tap opens them full screen. */
export function Gallery({ images, offShelf = false }: { images: string[]; offShelf?: boolean }) {
  const [current, setCurrent] = useState(0);
  const urls = images.map((image) => mediaUrl(image)).filter(Boolean);
  if (urls.length === 0) return <View className="product-gallery product-gallery--empty" />;
  return (
    <View className="product-gallery">
      <Swiper className="product-gallery__swiper" circular={urls.length > 1} onChange={(event) => setCurrent(event.detail.current)}>
        {urls.map((url) => (
          <SwiperItem key={url}>
            <Image
              className="product-gallery__image"
              src={url}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => undefined)}
            />
          </SwiperItem>
        ))}
      </Swiper>
      {offShelf && <Text className="product-gallery__stamp">已下架</Text>}
      {urls.length > 1 && (
        <Text className="product-gallery__index">
          {current + 1}/{urls.length}
        </Text>
      )}
    </View>
  );
}
