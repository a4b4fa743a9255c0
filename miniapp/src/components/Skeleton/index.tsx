import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import './index.scss';

export interface SkeletonBlockProps {
  /** A CSS length, or a number of design px (750 wide, like the stylesheets). */
  width?: string | number;
  height?: string | number;
  shape?: 'rect' | 'round' | 'pill';
  className?: string;
}

const length = (value: string | number | undefined) => (typeof value === 'number' ? Taro.pxTransform(value) : value);

/**
 * One grey block with the shimmer, standing for something still loading (a picture, a line of
 * text, a button). Sizes come from the caller's class or `width` / `height`.
 */
export function SkeletonBlock({ width, height, shape = 'rect', className = '' }: SkeletonBlockProps) {
  const style: CSSProperties = {};
  if (width !== undefined) style.width = length(width);
  if (height !== undefined) style.height = length(height);
  const shapeClass = shape === 'rect' ? '' : `skeleton--${shape}`;
  return <View className={`skeleton ${shapeClass} ${className}`} style={style} />;
}

/** Text lines of a block: the last one shorter, as a paragraph ends. */
export function SkeletonLines({ lines = 2, className = '' }: { lines?: number; className?: string }) {
  return (
    <View className={className}>
      {Array.from({ length: lines }, (_, index) => (
        <SkeletonBlock
          key={index}
          className="skeleton--line skeleton-card__line"
          width={index === lines - 1 && lines > 1 ? '60%' : '100%'}
        />
      ))}
    </View>
  );
}

/** A ProductCard while it loads: square picture, two title lines, price and sales. */
export function ProductCardSkeleton() {
  return (
    <View className="skeleton-card">
      <SkeletonBlock className="skeleton-card__media" />
      <View className="skeleton-card__body">
        <SkeletonLines lines={2} />
        <View className="skeleton-card__foot">
          <SkeletonBlock className="skeleton--line" width="40%" />
          <SkeletonBlock className="skeleton--short" width="24%" />
        </View>
      </View>
    </View>
  );
}

/**
 * A two-column grid of loading product cards, in place of a product grid (home 热销商品, search
 * results, a category's products). `count` even so both columns end together.
 */
export function ProductGridSkeleton({ count = 4, className = '' }: { count?: number; className?: string }) {
  return (
    <View className={`skeleton-grid ${className}`}>
      {Array.from({ length: count }, (_, index) => (
        <ProductCardSkeleton key={index} />
      ))}
    </View>
  );
}

export interface ListSkeletonOptions {
  /** The row ends in a round button (加入购物车, 去拼团) as the real rows do. */
  action?: boolean;
  /** Rows divided by hairlines on a white pane (the category list), not cards on the grey page. */
  flat?: boolean;
}

/** A list row while it loads: a square picture, the name, a detail, a price and maybe an action. */
export function ListRowSkeleton({ action = true, flat = false }: ListSkeletonOptions) {
  return (
    <View className={`skeleton-row ${flat ? 'skeleton-row--flat' : ''}`}>
      <SkeletonBlock className="skeleton-row__thumb" />
      <View className="skeleton-row__text">
        <SkeletonBlock className="skeleton--line skeleton-row__line" width="100%" />
        <SkeletonBlock className="skeleton--line skeleton-row__line" width="70%" />
        <SkeletonBlock className="skeleton--short skeleton-row__line" width="45%" />
        <View className="skeleton-row__foot">
          <SkeletonBlock className="skeleton--line" width="30%" />
          {action ? <SkeletonBlock width={120} height={48} shape="pill" /> : <SkeletonBlock className="skeleton--short" width="20%" />}
        </View>
      </View>
    </View>
  );
}

/** Rows of ListRowSkeleton, in place of a product list in rows (a category's products, orders). */
export function ListSkeleton({ rows = 4, className = '', ...options }: { rows?: number; className?: string } & ListSkeletonOptions) {
  return (
    <View className={className}>
      {Array.from({ length: rows }, (_, index) => (
        <ListRowSkeleton key={index} {...options} />
      ))}
    </View>
  );
}
