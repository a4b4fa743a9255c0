import { ScrollView, Text, View } from '@tarojs/components';
import type { FlashSession } from '../../../services/flashsale';
import { sessionTab } from '../../../utils/flash';

interface SessionTabsProps {
  sessions: readonly FlashSession[];
  selected: number;
  onSelect: (index: number) => void;
}

/** 场次 tabs on the red band: 10:00 已开抢 · 14:00 抢购中 · 20:00 即将开始 …, scrolled to the chosen one. */
export function SessionTabs({ sessions, selected, onSelect }: SessionTabsProps) {
  return (
    <ScrollView className="flash-tabs" scrollX enhanced showScrollbar={false} scrollIntoView={`flash-tab-${selected}`} scrollWithAnimation>
      <View className="flash-tabs__row">
        {sessions.map((session, index) => {
          const tab = sessionTab(session);
          const on = index === selected;
          return (
            <View
              key={session.startsAt}
              id={`flash-tab-${index}`}
              className={`flash-tabs__tab flash-tabs__tab--${session.state} ${on ? 'flash-tabs__tab--on' : ''}`}
              onClick={() => onSelect(index)}
            >
              <Text className="flash-tabs__time">
                {tab.day && <Text className="flash-tabs__day">{tab.day} </Text>}
                {tab.time}
              </Text>
              <Text className="flash-tabs__label">{tab.label}</Text>
            </View>
          );
        })}
      </View>
    </ScrollView>
  );
}
