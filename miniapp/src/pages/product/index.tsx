import Taro, { useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { StateView } from '../../components/StateView';
import { ProductSkeleton } from './parts/ProductSkeleton';
import { applyCartBadgeAfterLeaving } from '../../platform/cart-badge';
import { launchScene, shareLink, useShare, useShareMoments, withSharer } from '../../platform/share';
import { isSignedIn } from '../../services/auth';
import { addCartItem, cartCount, getCart } from '../../services/cart';
import type { ProductDetail } from '../../services/catalog';
import { recordVisit } from '../../services/share';
import { buyNowUrl, flashCheckoutUrl, groupCheckoutUrl } from '../../utils/checkout';
import { groupPageUrl } from '../../utils/group';
import { mediaUrl } from '../../utils/media';
import { openPage } from '../../utils/navigate';
import { chosenSku, clampQty, initialSelection, type SpecSelection } from '../../utils/sku';
import { ActivityStrip } from './parts/ActivityStrip';
import { CouponRow } from './parts/CouponRow';
import { PromotionRow } from './parts/PromotionRow';
import { BottomBar } from './parts/BottomBar';
import { Description } from './parts/Description';
import { FlashBanner } from './parts/FlashBanner';
import { Gallery } from './parts/Gallery';
import { OptionRows } from './parts/OptionRows';
// Price (TitleBlock) before SectionHeader (Reviews) before CouponTicket and BottomSheet
// (CouponSheet): the style order of components/README.md.
import { TitleBlock } from './parts/TitleBlock';
import { Reviews } from './parts/Reviews';
import { CouponSheet } from './parts/CouponSheet';
import { SkuSheet, type SheetMode } from './parts/SkuSheet';
import { ContactSheet } from './parts/ContactSheet';
import { ShareButton } from './parts/ShareButton';
import { ShareSheet } from './parts/ShareSheet';
// After SkuSheet: Avatar's styles come after BottomSheet's and QtyStepper's (components/README.md).
import { GroupBlock } from './parts/GroupBlock';
import { useFavorite } from './useFavorite';
import { useGroupCampaign } from './useGroupCampaign';
import { GroupSkuSheet } from '../group/parts/GroupSkuSheet';
import { usePickupStore } from './usePickupStore';
import { useProduct } from './useProduct';
import { useProductCoupons } from './useProductCoupons';
import './index.scss';
import { routes } from '../../routes';

/** 商品详情 (`?id=`; `&skuId=` preselects the SKU of the activity the customer came from). */
export default function ProductPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const preferredSkuId = params.skuId ? Number(params.skuId) : null;
  // Someone's share brought the customer here: credit them with what is bought from it.
  const sharerId = params.from && /^\d+$/.test(params.from) ? Number(params.from) : null;
  const pickup = usePickupStore();
  const { state, reload } = useProduct(id, pickup.store?.id ?? null);
  const product = state.status === 'ready' ? state.product : null;

  const visited = useRef(false);
  useEffect(() => {
    if (visited.current || sharerId === null || !Number.isInteger(id) || id <= 0) return;
    visited.current = true;
    const scene = launchScene();
    recordVisit({ targetType: 'product', targetId: id, sharerId, ...(scene ? { scene } : {}) }, { silent: true }).catch(() => undefined);
  }, [id, sharerId]);

  useShare(() => ({
    title: product?.title ?? '悦享生活',
    path: routes.product({ id }),
    imageUrl: product ? mediaUrl(product.images[0]) : undefined,
  }));
  // 分享到朋友圈 opens this same page with the query.
  useShareMoments(() => ({
    title: product?.title ?? '悦享生活',
    query: `id=${id}`,
    imageUrl: product ? mediaUrl(product.images[0]) : undefined,
  }));

  if (state.status === 'loading') return <ProductSkeleton />;
  if (state.status === 'notFound') {
    return (
      <View className="page-root">
        <StateView
          kind="empty"
          title="商品不存在或已删除"
          description="去看看其他好物吧"
          action={{ text: '去首页逛逛', onClick: () => openPage(routes.home()) }}
        />
      </View>
    );
  }
  if (state.status === 'error') return <StateView kind="error" message={state.message} onRetry={reload} />;
  return <ProductView product={state.product} preferredSkuId={preferredSkuId} sharerId={sharerId} pickup={pickup} onStale={reload} />;
}

interface ProductViewProps {
  product: ProductDetail;
  preferredSkuId: number | null;
  sharerId: number | null;
  pickup: ReturnType<typeof usePickupStore>;
  /** An activity started or ended: read the product again. */
  onStale: () => void;
}

function ProductView({ product, preferredSkuId, sharerId, pickup, onStale }: ProductViewProps) {
  const [selection, setSelection] = useState<SpecSelection>(() => initialSelection(product.specs, product.skus, preferredSkuId));
  const [qty, setQty] = useState(1);
  const [sheet, setSheet] = useState<SheetMode | null>(null);
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState(0);
  const [panel, setPanel] = useState<'coupons' | 'share' | 'contact' | null>(null);
  const favorite = useFavorite(product.id);
  const coupons = useProductCoupons(product.id);

  const sku = useMemo(() => chosenSku(product.specs, product.skus, selection), [product, selection]);
  const onSale = product.status === 'on_sale';
  // The campaign ending soonest leads (a product rarely has more than one).
  const groupBuy = product.activities.groupBuys[0] ?? null;
  const campaign = useGroupCampaign(groupBuy?.id ?? null);
  const [groupSheet, setGroupSheet] = useState(false);
  const flashSale = product.activities.flashSale;

  // The default pickup store should have what the customer is most likely to buy.
  const { chooseDefault } = pickup;
  useEffect(() => {
    const likely = sku ?? product.skus.find((candidate) => candidate.sellable > 0) ?? null;
    chooseDefault(likely?.id ?? null);
  }, [chooseDefault, product, sku]);

  // Stock moves with the store: keep the quantity within what is sellable there.
  useEffect(() => {
    if (sku && sku.sellable > 0) setQty((current) => clampQty(current, sku.sellable));
  }, [sku]);

  // The badge on the cart icon: on arrival (this view mounts after the product loads, past
  // the page's first show) and whenever the page shows again.
  const storeId = pickup.store?.id ?? null;
  const refreshCount = useCallback(() => {
    if (!isSignedIn()) return;
    getCart(storeId, { silent: true }).then(
      (cart) => setCount(cartCount(cart)),
      () => undefined,
    );
  }, [storeId]);
  useEffect(refreshCount, [refreshCount]);
  useDidShow(refreshCount);
  // WeChat takes the tab-bar badge only on a tab page: the one below gets the count on the way back.
  useUnload(applyCartBadgeAfterLeaving);

  /** Puts the chosen SKU in the cart; resolves false when it could not (the wrapper toasts why). */
  const addToCart = async (): Promise<boolean> => {
    if (!sku) return false;
    setBusy(true);
    try {
      const cart = await addCartItem({ skuId: sku.id, qty }, pickup.store?.id);
      setCount(cartCount(cart));
      return true;
    } catch {
      return false;
    } finally {
      setBusy(false);
    }
  };

  const act = async (mode: 'cart' | 'buy') => {
    if (!sku || sku.sellable <= 0) {
      setSheet(mode);
      return;
    }
    if (mode === 'buy') {
      // 立即购买 skips the cart: 确认订单 with just this SKU and quantity.
      setSheet(null);
      openPage(buyNowUrl(sku.id, qty));
      return;
    }
    if (!(await addToCart())) return;
    setSheet(null);
    void Taro.showToast({ title: '已加入购物车', icon: 'success' });
  };

  /**
   * 发起拼团: the group SKU sheet (only the campaign's SKUs, at their 团长价 / group prices), then
   * one piece straight to 确认订单 as the new group's leader. A campaign of one SKU goes straight on.
   */
  const startGroup = () => {
    if (!groupBuy) return;
    if (campaign.campaign && campaign.campaign.remainingStock <= 0) {
      void Taro.showToast({ title: '本次拼团名额已抢光', icon: 'none' });
      return;
    }
    // The sheet opens once the campaign's SKUs are read (a tap before that waits for them).
    if (!campaign.campaign || campaign.campaign.skus.length > 1) {
      if (!campaign.campaign) campaign.reload();
      setGroupSheet(true);
      return;
    }
    openPage(groupCheckoutUrl({ campaignId: groupBuy.id, skuId: groupBuy.skuId, qty: 1, sharerId }));
  };

  const buyFlash = () => {
    if (!flashSale || flashSale.state !== 'running') return;
    openPage(flashCheckoutUrl({ flashSaleId: flashSale.id, skuId: flashSale.skuId, qty: 1, sharerId }));
  };

  const campaignSku = groupBuy ? product.skus.find((candidate) => candidate.id === groupBuy.skuId) : undefined;
  const groupActions = groupBuy
    ? {
        alonePriceFen: sku?.priceFen ?? campaignSku?.priceFen ?? product.minPriceFen,
        groupPriceFen: groupBuy.leaderPriceFen ?? groupBuy.groupPriceFen,
        onAlone: () => void act('buy'),
        onGroup: startGroup,
      }
    : null;

  const openStorePicker = () => {
    openPage(routes.storePicker(sku ? { skuIds: [sku.id], qty: [qty] } : {}));
  };

  return (
    <View className="product page-root">
      <Gallery images={product.images} offShelf={!onSale} />
      {flashSale && <FlashBanner sale={flashSale} onChange={onStale} onBuy={buyFlash} />}
      <TitleBlock product={product} sku={sku} share={<ShareButton onOtherwise={() => setPanel('share')} />} />
      {groupBuy && (
        <GroupBlock
          activity={groupBuy}
          detail={campaign.campaign}
          openGroups={campaign.openGroups}
          onJoin={(groupId) => openPage(groupPageUrl(groupId))}
          onStale={campaign.reload}
        />
      )}
      <ActivityStrip activities={product.activities} />
      {onSale && <CouponRow coupons={coupons.coupons} onOpen={() => setPanel('coupons')} />}
      {onSale && sku && <PromotionRow skuId={sku.id} />}
      <OptionRows
        product={product}
        sku={sku}
        selection={selection}
        qty={qty}
        store={pickup.store}
        onOpenSku={() => setSheet('choose')}
        onOpenStore={openStorePicker}
      />
      <Reviews />
      <Description product={product} />
      <BottomBar
        onSale={onSale}
        cartCount={count}
        busy={busy}
        onCart={() => openPage(routes.cart())}
        onHome={() => openPage(routes.home())}
        onAdd={() => void act('cart')}
        onBuy={() => void act('buy')}
        group={groupActions}
        favorited={favorite.favorited}
        onFavorite={favorite.toggle}
        onContactOtherwise={() => setPanel('contact')}
      />
      <SkuSheet
        mode={sheet}
        product={product}
        selection={selection}
        sku={sku}
        qty={qty}
        storeName={pickup.store?.name ?? null}
        busy={busy}
        onSelect={setSelection}
        onQty={setQty}
        onClose={() => setSheet(null)}
        onAdd={() => void act('cart')}
        onBuy={() => void act('buy')}
      />
      {campaign.campaign && (
        <GroupSkuSheet
          open={groupSheet}
          campaign={campaign.campaign}
          opening
          chosenSkuId={sku?.id}
          onClose={() => setGroupSheet(false)}
          onConfirm={(skuId) => {
            setGroupSheet(false);
            openPage(groupCheckoutUrl({ campaignId: campaign.campaign!.id, skuId, qty: 1, sharerId }));
          }}
        />
      )}
      <CouponSheet
        open={panel === 'coupons'}
        coupons={coupons.coupons}
        claiming={coupons.claiming}
        onClaim={(coupon) => void coupons.claim(coupon)}
        onClose={() => setPanel(null)}
      />
      <ShareSheet
        open={panel === 'share'}
        title={product.title}
        link={shareLink(withSharer(routes.product({ id: product.id })))}
        onClose={() => setPanel(null)}
      />
      <ContactSheet open={panel === 'contact'} storeId={pickup.store?.id ?? null} onClose={() => setPanel(null)} />
    </View>
  );
}
