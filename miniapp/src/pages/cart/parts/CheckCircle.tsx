import { View } from '@tarojs/components';

/** The round checkbox of a cart line; `disabled` lines cannot be ticked. */
export function CheckCircle({ checked, disabled = false, onClick }: { checked: boolean; disabled?: boolean; onClick?: () => void }) {
  const modifier = disabled ? 'check-circle--disabled' : checked ? 'check-circle--checked' : '';
  return (
    <View
      className="check-circle__hit"
      onClick={(event) => {
        event.stopPropagation();
        if (!disabled) onClick?.();
      }}
    >
      <View className={`check-circle ${modifier}`} />
    </View>
  );
}
