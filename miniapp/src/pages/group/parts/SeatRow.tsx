import { Text, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import type { GroupMember } from '../../../services/groupbuy';
import { seatList } from '../../../utils/group';

/** The members' avatars (团长 marked), then a "?" for every seat still open. */
export function SeatRow({ members, groupSize }: { members: GroupMember[]; groupSize: number }) {
  const seats = seatList(members, groupSize);
  return (
    <View className={`group-seats ${groupSize > 5 ? 'group-seats--many' : ''}`}>
      {seats.map((seat, index) =>
        seat.kind === 'member' ? (
          <View key={index} className="group-seat">
            <Avatar
              src={seat.member.avatarUrl}
              className={`group-seat__avatar ${seat.member.isLeader ? 'group-seat__avatar--leader' : ''}`}
            />
            {seat.member.isLeader && <Text className="group-seat__badge">团长</Text>}
            {!seat.member.isLeader && !seat.member.paid && <Text className="group-seat__badge group-seat__badge--muted">待支付</Text>}
            <Text className="group-seat__name">{seat.member.nickname}</Text>
          </View>
        ) : (
          <View key={index} className="group-seat">
            <View className="group-seat__avatar group-seat__empty">?</View>
            <Text className="group-seat__name group-seat__name--empty">待加入</Text>
          </View>
        ),
      )}
    </View>
  );
}
