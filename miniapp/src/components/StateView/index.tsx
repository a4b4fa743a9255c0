import { Image, Text, View } from '@tarojs/components';
import emptyBoxImage from '../../assets/state/empty-box.png';
import emptyCartImage from '../../assets/state/empty-cart.png';
import errorImage from '../../assets/state/error.png';
import lockImage from '../../assets/state/lock.png';
import { PillButton } from '../PillButton';
import './index.scss';

/** `lock`: the page is not for this account (staff pages opened by a customer). */
const illustrations = { box: emptyBoxImage, cart: emptyCartImage, lock: lockImage };

export type StateViewProps =
  | { kind: 'loading' }
  | {
      kind: 'empty';
      title?: string;
      description?: string;
      illustration?: keyof typeof illustrations;
      action?: { text: string; onClick: () => void };
    }
  | { kind: 'error'; message?: string; onRetry: () => void };

/** What a page or section shows instead of content: loading, nothing found, or a failure. */
export function StateView(props: StateViewProps) {
  if (props.kind === 'loading') {
    return (
      <View className="state-view state-view--loading">
        <View className="state-view__spinner" />
        <Text className="state-view__description">加载中…</Text>
      </View>
    );
  }
  if (props.kind === 'error') {
    return (
      <View className="state-view">
        <Image className="state-view__image" src={errorImage} />
        <Text className="state-view__title">网络开小差了</Text>
        <Text className="state-view__description">{props.message ?? '请检查网络后重试'}</Text>
        <PillButton className="state-view__action" variant="outline" onClick={props.onRetry}>
          重新加载
        </PillButton>
      </View>
    );
  }
  const { title = '暂无内容', description, illustration = 'box', action } = props;
  return (
    <View className="state-view">
      <Image className="state-view__image" src={illustrations[illustration]} />
      <Text className="state-view__title">{title}</Text>
      {description && <Text className="state-view__description">{description}</Text>}
      {action && (
        <PillButton className="state-view__action" onClick={action.onClick}>
          {action.text}
        </PillButton>
      )}
    </View>
  );
}
