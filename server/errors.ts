// One error path: services throw AppError(code); one middleware in trpc.ts maps the code to a
// tRPC code; the error formatter renders the Chinese message. Codes are English and stable
// (clients and logs match on them); messages are Chinese and tell the user what to do.
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc'
import type { FieldErrors } from '../common/contracts/errors'

type ErrorSpec = { trpc: TRPC_ERROR_CODE_KEY; message: string }

export const APP_ERRORS = {
  UNAUTHENTICATED: { trpc: 'UNAUTHORIZED', message: '请先登录' },
  SESSION_EXPIRED: { trpc: 'UNAUTHORIZED', message: '登录已过期，请重新登录' },
  INVALID_CREDENTIALS: { trpc: 'UNAUTHORIZED', message: '手机号或密码不正确，请重新输入' },
  LOCKED_OUT: { trpc: 'TOO_MANY_REQUESTS', message: '尝试次数过多，请稍后再试' },
  RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', message: '操作太频繁，请稍等一分钟再试' },
  WRONG_PASSWORD: { trpc: 'BAD_REQUEST', message: '当前密码不正确，请重新输入' },
  PASSWORD_NOT_SET: { trpc: 'PRECONDITION_FAILED', message: '该账号使用微信登录，没有设置密码' },
  PRIVACY_CONSENT_REQUIRED: { trpc: 'PRECONDITION_FAILED', message: '请先阅读并同意个人信息保护说明' },
  PRIVACY_NOTICE_OUTDATED: { trpc: 'CONFLICT', message: '个人信息保护说明已更新，请阅读新版后再同意' },
  ACCOUNT_DISABLED: { trpc: 'FORBIDDEN', message: '账号已停用，请联系管理员' },
  FORBIDDEN: { trpc: 'FORBIDDEN', message: '您的账号没有此项操作的权限，如需开通请联系管理员' },
  NOT_FOUND: { trpc: 'NOT_FOUND', message: '记录不存在，或不在您的管辖范围内' },
  VERSION_CONFLICT: { trpc: 'CONFLICT', message: '这条记录刚被其他人修改过，请刷新后核对再保存' },
  ALREADY_RECORDED: { trpc: 'CONFLICT', message: '这条记录已经登记过了，请刷新列表查看' },
  IDEMPOTENCY_KEY_REUSED: { trpc: 'CONFLICT', message: '提交编号重复但内容不同，请重新提交' },
  VALIDATION_FAILED: { trpc: 'BAD_REQUEST', message: '填写的内容有误，请按提示修改' },
  NEED_CLOSED: { trpc: 'CONFLICT', message: '诉求已办结，不能再修改内容' },
  NEED_ILLEGAL_TRANSITION: { trpc: 'BAD_REQUEST', message: '诉求当前状态下不能进行这一步操作' },
  DONATION_ALREADY_VOIDED: { trpc: 'CONFLICT', message: '这笔捐赠已经作废，无需重复操作' },
  DONATION_HAS_HANDOVERS: {
    trpc: 'CONFLICT',
    message: '这笔捐赠已有发放记录，请先作废从中发放的记录，再作废捐赠',
  },
  // 发放签收
  DONATION_OVERDRAWN: { trpc: 'CONFLICT', message: '发放超出了捐赠的结余，请核对发放数量或金额' },
  HANDOVER_ALREADY_VOIDED: { trpc: 'CONFLICT', message: '这条发放记录已经作废，无需重复操作' },
  HANDOVER_NOT_PENDING: { trpc: 'CONFLICT', message: '这条发放记录已经签收或提出异议，不能再次确认' },
  HANDOVER_SIGNATURE_UNREADABLE: {
    trpc: 'BAD_REQUEST',
    message: '签字图片无法识别，请清除后让受助人重新签字',
  },
  HANDOVER_LOCKED: {
    trpc: 'CONFLICT',
    message: '这次走访的发放已关联捐赠或已签收，发放的物资和慰问金请在发放记录中作废后重新登记',
  },
  HOUSEHOLD_ANONYMISED: { trpc: 'CONFLICT', message: '这户已过保存期限并匿名，不能再修改或新增记录' },
  HOUSEHOLD_CODE_TAKEN: { trpc: 'CONFLICT', message: '本村已有相同户编号的家庭，请换一个户编号' },
  HOUSEHOLD_ID_NUMBER_TAKEN: { trpc: 'CONFLICT', message: '该身份证号码已登记在其他家庭中，请核对' },
  RESIDENT_NOT_BOUND: { trpc: 'FORBIDDEN', message: '请先绑定您的家庭户，再提交诉求' },
  RESIDENT_ALREADY_BOUND: { trpc: 'CONFLICT', message: '您的账号已绑定家庭户' },
  RESIDENT_BIND_NO_MATCH: { trpc: 'NOT_FOUND', message: '没有找到匹配的家庭户，请核对户主姓名和身份证号码' },
  WECHAT_NOT_CONFIGURED: { trpc: 'PRECONDITION_FAILED', message: '服务器尚未开通微信登录，请使用手机号登录' },
  WECHAT_CODE_INVALID: { trpc: 'UNAUTHORIZED', message: '微信登录凭证无效或已过期，请重新打开小程序再试' },
  WECHAT_RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', message: '微信登录过于频繁，请稍等一分钟再试' },
  WECHAT_USER_BLOCKED: { trpc: 'FORBIDDEN', message: '该微信账号暂时无法登录，请使用手机号登录或联系管理员' },
  WECHAT_UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', message: '暂时连不上微信服务器，请稍后再试' },
  NOTICE_NOT_WECHAT: { trpc: 'PRECONDITION_FAILED', message: '微信消息提醒只能在微信小程序中开启' },
  DUPLICATE_RECORD: { trpc: 'CONFLICT', message: '与已有记录重复（可能刚被他人保存），请刷新后再试' },
  PASSWORD_CHANGE_REQUIRED: { trpc: 'FORBIDDEN', message: '您正在使用初始密码，请先修改密码再继续使用' },
  // Administration: the org tree, villages and pairings, accounts, invitations
  OUT_OF_SUBTREE: { trpc: 'FORBIDDEN', message: '只能管理本组织及下级组织的事项，如需调整请联系管理员' },
  ORG_CLOSED: { trpc: 'CONFLICT', message: '该组织已撤销，不能再登记新的记录或调整' },
  ORG_HAS_OPEN_CHILDREN: { trpc: 'CONFLICT', message: '该组织下还有未撤销的下级组织，请先撤销或移走它们' },
  ORG_MOVE_CYCLE: { trpc: 'BAD_REQUEST', message: '不能把组织移到它自己或它的下级组织之下' },
  ORG_NAME_TAKEN: { trpc: 'CONFLICT', message: '同一上级组织下已有同名组织，请核对' },
  VILLAGE_CODE_TAKEN: { trpc: 'CONFLICT', message: '已有村使用这个行政区划代码，请核对' },
  VILLAGE_CODE_MISMATCH: { trpc: 'BAD_REQUEST', message: '行政区划代码与所填的县、乡名称不一致，请核对' },
  PAIRING_EXISTS: { trpc: 'CONFLICT', message: '该组织已与这个村结对，无需重复结对' },
  PAIRING_ENDED: { trpc: 'CONFLICT', message: '这次结对已经结束' },
  PERIOD_ENDED: { trpc: 'CONFLICT', message: '这项职务或岗位已经结束' },
  PERIOD_EXISTS: { trpc: 'CONFLICT', message: '该人员已有这项职务或岗位，无需重复添加' },
  PHONE_TAKEN: { trpc: 'CONFLICT', message: '这个手机号已被其他账号使用，请核对' },
  ACCOUNT_INACTIVE: { trpc: 'CONFLICT', message: '该账号已停用，请先启用再操作' },
  CANNOT_DEACTIVATE_SELF: { trpc: 'BAD_REQUEST', message: '不能停用自己的账号' },
  LAST_ADMIN: { trpc: 'CONFLICT', message: '这是最后一个在用的管理员账号，不能停用或取消其管理员角色' },
  INVITATION_INVALID: { trpc: 'NOT_FOUND', message: '邀请码不正确，请核对后重新输入，或请管理员重新生成' },
  INVITATION_EXPIRED: { trpc: 'CONFLICT', message: '邀请码已过期，请联系管理员或支部书记重新生成' },
  INVITATION_USED: { trpc: 'CONFLICT', message: '邀请码已使用过，请联系管理员或支部书记重新生成' },
  INVITATION_REVOKED: { trpc: 'CONFLICT', message: '邀请码已被撤销，请联系管理员或支部书记重新生成' },
  INVITATION_NEEDS_WECHAT: { trpc: 'PRECONDITION_FAILED', message: '请在微信小程序中使用邀请码' },
  PASSWORD_ALREADY_SET: {
    trpc: 'CONFLICT',
    message: '该账号已设置登录密码，请直接用手机号和密码登录；邀请码可在微信小程序中用来绑定微信',
  },
  WECHAT_ALREADY_BOUND: { trpc: 'CONFLICT', message: '这个微信已绑定其他账号，请联系管理员解除后再绑定' },
  ACCOUNT_HAS_WECHAT: { trpc: 'CONFLICT', message: '该账号已绑定微信；如需换绑，请先解除绑定' },
  ACCOUNT_NOT_MANAGED: {
    trpc: 'FORBIDDEN',
    message: '支部书记只能管理本组织及下级组织中仅为党员的账号；书记、驻村干部等账号请联系管理员',
  },
  GRANT_NOT_ALLOWED: {
    trpc: 'FORBIDDEN',
    message: '只有管理员可以授予管理员、支部书记、驻村干部角色或安排驻村岗位；支部书记可以添加党员',
  },
  ACCOUNT_ACTIVE: { trpc: 'CONFLICT', message: '该账号正在使用，无需启用' },
  WECHAT_NOT_BOUND: { trpc: 'CONFLICT', message: '该账号没有绑定微信，无需解除' },
  DATABASE_UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', message: '系统正在恢复，请稍后重试，已填写的内容不会丢失' },
  DATABASE_BUSY: { trpc: 'SERVICE_UNAVAILABLE', message: '系统繁忙，请稍后重试，已填写的内容不会丢失' },
  // 困难户花名册 import (server/http/imports.ts)
  IMPORT_NOT_MULTIPART: { trpc: 'UNSUPPORTED_MEDIA_TYPE', message: '请以表单方式上传 .xlsx 文件' },
  IMPORT_FILE_MISSING: { trpc: 'BAD_REQUEST', message: '请选择要导入的 .xlsx 文件' },
  IMPORT_FILE_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', message: '文件超过 5 MB，请删去无关的工作表或图片后再上传' },
  IMPORT_FILE_TYPE: {
    trpc: 'UNSUPPORTED_MEDIA_TYPE',
    message: '只能导入 Excel .xlsx 文件；.xls、.csv 或 WPS 文件请先另存为 .xlsx',
  },
  IMPORT_FILE_UNREADABLE: { trpc: 'BAD_REQUEST', message: '文件无法读取，请用导入模板填写后另存为 .xlsx 再上传' },
  IMPORT_TOO_MANY_ROWS: { trpc: 'PAYLOAD_TOO_LARGE', message: '一次最多导入 5000 行，请分成几个文件导入' },
  IMPORT_FILE_CHANGED: { trpc: 'CONFLICT', message: '文件与预检时的不一致，请重新预检后再确认导入' },
  IMPORT_HAS_ERRORS: { trpc: 'UNPROCESSABLE_CONTENT', message: '文件中有错误，未导入任何数据；请按提示修改后重新上传' },
  // Photos (server/http/photos.ts, docs/photos.md)
  PHOTO_NOT_MULTIPART: { trpc: 'UNSUPPORTED_MEDIA_TYPE', message: '请以表单方式上传照片' },
  PHOTO_FILE_MISSING: { trpc: 'BAD_REQUEST', message: '请选择要上传的照片（一次一张）' },
  PHOTO_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', message: '照片太大，请压缩或选择较小的照片后再上传' },
  PHOTO_TYPE: { trpc: 'UNSUPPORTED_MEDIA_TYPE', message: '只能上传 JPEG、PNG 或 WebP 格式的照片' },
  PHOTO_UNREADABLE: { trpc: 'BAD_REQUEST', message: '照片文件已损坏或无法识别，请重新拍摄或选择其他照片' },
  PHOTO_STORAGE_UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', message: '照片存储暂时不可用，请稍后重试' },
  // Backups (server/services/backup/run-backup-now.ts)
  BACKUP_QUEUE_UNAVAILABLE: {
    trpc: 'PRECONDITION_FAILED',
    message: '此服务器未运行后台任务，无法立即备份；请联系运维人员在服务器上执行 npm run backup',
  },
} as const satisfies Record<string, ErrorSpec>

export type AppErrorCode = keyof typeof APP_ERRORS

export type { FieldErrors }

export class AppError extends Error {
  override name = 'AppError'
  readonly code: AppErrorCode
  readonly fieldErrors: FieldErrors | undefined
  /** Safe, non-personal details for the client (e.g. the current version on a conflict). */
  readonly details: Record<string, unknown> | undefined

  constructor(
    code: AppErrorCode,
    options: {
      message?: string
      fieldErrors?: FieldErrors
      details?: Record<string, unknown>
      /** The error behind it, for the logs (never sent to the client). */
      cause?: unknown
    } = {},
  ) {
    super(options.message ?? APP_ERRORS[code].message, { cause: options.cause })
    this.code = code
    this.fieldErrors = options.fieldErrors
    this.details = options.details
  }
}

/** A domain check on one field failed: a BAD_REQUEST that the form shows beside that field. */
export const fieldError = (field: string, message: string): AppError =>
  new AppError('VALIDATION_FAILED', { message, fieldErrors: { [field]: [message] } })

/** Someone saved the record since the form loaded it; the client gets the current version. */
export const versionConflict = (currentVersion: number): AppError =>
  new AppError('VERSION_CONFLICT', { details: { currentVersion } })

/** Chinese messages for the tRPC codes that reach users without an AppError behind them. */
export const GENERIC_MESSAGES: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: '请求格式不正确，请刷新页面后重试',
  BAD_REQUEST: '请求内容有误，请检查后重试',
  UNAUTHORIZED: '请先登录',
  FORBIDDEN: '您的账号没有此项操作的权限',
  NOT_FOUND: '请求的功能或记录不存在，请更新应用后重试',
  METHOD_NOT_SUPPORTED: '请求方式不正确，请更新应用后重试',
  TIMEOUT: '请求超时，请检查网络后重试',
  CONFLICT: '数据已变化，请刷新后重试',
  PAYLOAD_TOO_LARGE: '提交的内容过大，请删减后重试',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不被支持，请更新应用后重试',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
}

export const internalErrorMessage = (requestId: string | undefined): string =>
  `服务器出了点问题，请稍后重试${requestId ? `（请求编号 ${requestId}）` : ''}`

export type ValidationIssue = { path: readonly PropertyKey[]; message: string }

/** zod issues → { "members.0.name": ["请填写姓名"] }, keeping nested paths that flatten() drops. */
export const fieldErrorsOf = (
  issues: readonly ValidationIssue[],
): { formErrors: string[]; fieldErrors: FieldErrors } => {
  const formErrors: string[] = []
  const fieldErrors: FieldErrors = {}
  for (const issue of issues) {
    const key = issue.path.map(String).join('.')
    if (!key) formErrors.push(issue.message)
    else fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message]
  }
  return { formErrors, fieldErrors }
}
