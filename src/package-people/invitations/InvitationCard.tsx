// A new invitation, as the server answered it this once: its QR code (the link to GET /invite,
// which the mini-program also opens), the code to type, the link, until when it holds, and how to
// hand it over: in the mini-program 转发 to a WeChat chat (a card that opens 使用邀请码) or the
// image saved to the album; on H5 the link copied or the image downloaded.
import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatShanghaiDateTime } from '../../../common/dates'
import type { RouterOutputs } from '../../lib/api-types'
import { toast } from '../../lib/toast'
import { SAVE_QR_LABEL, saveQrImage } from './qr-image'
import './invitation-card.scss'

export type NewInvitation = RouterOutputs['invitation']['create']

const isWeapp = process.env.TARO_ENV === 'weapp'

const copy = (data: string, what: string) =>
  void Taro.setClipboardData({ data }).then(
    () => toast(`${what}已复制`),
    () => toast('复制失败，请长按选择后复制'),
  )

export const InvitationCard = ({ invitation, displayName }: { invitation: NewInvitation; displayName: string }) => {
  const save = () =>
    void saveQrImage(invitation.qrCodeDataUrl, `邀请码-${invitation.formattedCode}.png`).then(
      () => toast(isWeapp ? '已保存到相册' : '二维码已下载'),
      (error: unknown) => toast(error instanceof Error ? error.message : '保存失败，请截屏保存'),
    )
  return (
    <View className="section invitation-card" data-testid="invitation-card">
      <View className="section__title">{`${displayName} 的邀请码`}</View>
      <View className="invitation-card__body">
        <View className="invitation-card__qr">
          {isWeapp ? (
            <Image className="invitation-card__qr-image" src={invitation.qrCodeDataUrl} mode="aspectFit" />
          ) : (
            // The browser's own image: Taro's H5 Image does not keep the square in a sized box.
            <img className="invitation-card__qr-image" src={invitation.qrCodeDataUrl} alt="邀请二维码" />
          )}
        </View>
        <Text className="invitation-card__code" userSelect>
          {invitation.formattedCode}
        </Text>
        <Text className="muted">{`${formatShanghaiDateTime(invitation.expiresAt)} 前有效，只能使用一次`}</Text>
        <Text className="invitation-card__link muted" userSelect>
          {invitation.link}
        </Text>
        <View className="actions">
          {isWeapp ? (
            <Button type="primary" size="small" openType="share">
              转发给本人
            </Button>
          ) : (
            <Button type="primary" size="small" onClick={() => copy(invitation.link, '邀请链接')}>
              复制链接
            </Button>
          )}
          <Button size="small" onClick={save}>
            {SAVE_QR_LABEL}
          </Button>
          <Button size="small" onClick={() => copy(invitation.formattedCode, '邀请码')}>
            复制邀请码
          </Button>
        </View>
        <Text className="muted">
          本人在微信中打开小程序扫码或输入邀请码，即绑定微信登录；在浏览器中打开链接，可填写手机号自行设置密码。
        </Text>
      </View>
    </View>
  )
}
