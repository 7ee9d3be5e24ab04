// 个人信息保护说明: what the ledger keeps about people, why, who sees it, for how long, and the
// rights PIPL gives them (Art. 14, 17, 44–47). Shown on first sign-in; agreement is recorded with
// PRIVACY_NOTICE_VERSION. docs/retention.md gives the retention periods in full.
export { PRIVACY_NOTICE_VERSION } from './privacy-version'

export const PRIVACY_NOTICE_TITLE = '个人信息保护说明'

export const PRIVACY_NOTICE_SECTIONS: readonly { heading: string; body: string }[] = [
  {
    heading: '谁在处理您的信息',
    body: '本台账由开展结对帮扶的党组织使用，用于记录主题党日、走访慰问、捐赠和群众诉求的办理。',
  },
  {
    heading: '我们记录哪些信息',
    body: '困难家庭的户主和成员姓名、身份证号码、联系电话、健康状况、收入与帮扶情况，走访中了解到的生活困难和提出的诉求；工作人员的姓名、手机号和所在组织。',
  },
  {
    heading: '敏感个人信息',
    body: '身份证号码、联系电话和健康状况属于敏感个人信息，只用于核实身份、联系走访和安排帮扶。它们加密保存，页面上默认只显示部分号码；只有负责本村台账的驻村干部在办事需要时才能查看完整号码，每次查看都会留下记录。',
  },
  {
    heading: '现场照片和位置',
    body: '工作人员在走访、活动和捐赠交接时拍摄的照片，作为工作留证保存，照片上印有拍摄时间、村名和拍摄人；上传时会去除照片里的设备和定位等隐藏信息。只有在拍摄人自己打开“水印加拍摄位置”时，才会读取手机位置，并把地点和经纬度印在照片上。家庭的帮扶记录到期删除个人信息时，走访照片一并删除。',
  },
  {
    heading: '谁能看到',
    body: '只有与您所在村结对的党组织和本村驻村干部能看到您家的记录；村民只能看到自己家的信息和诉求。我们不会把这些信息提供给无关单位或个人。',
  },
  {
    heading: '保存多久',
    body: '家庭的帮扶记录在监测结束后保存 5 年，到期后删除身份证号码、电话和健康状况等个人信息，只保留不能识别到个人的统计数字；捐赠和活动台账按财务档案要求长期保存。',
  },
  {
    heading: '您的权利',
    body: '您可以在“我的家庭”中查看台账记录的您家信息；发现信息有误，可以提交“信息更正”诉求，驻村干部会核实并更正。您也可以向驻村干部提出删除或停止使用个人信息的要求。',
  },
]
