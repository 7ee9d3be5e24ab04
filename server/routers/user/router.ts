// 管理 → 人员: accounts, their roles (职务) and 驻村 posts as periods, and their sign-in. For
// administrators and 支部书记; who may touch which account is decided in services/users/user-access.ts.
import { router } from '../../trpc'
import { addPostRoute } from './add-post'
import { addRoleRoute } from './add-role'
import { createUserRoute } from './create-user'
import { deactivateUserRoute } from './deactivate-user'
import { endPostRoute } from './end-post'
import { endRoleRoute } from './end-role'
import { getUserRoute } from './get-user'
import { listUsersRoute } from './list-users'
import { reactivateUserRoute } from './reactivate-user'
import { resetPasswordRoute } from './reset-password'
import { unbindWechatRoute } from './unbind-wechat'
import { unlockUserRoute } from './unlock-user'
import { updateUserRoute } from './update-user'

export const userRouter = router({
  list: listUsersRoute,
  byId: getUserRoute,
  create: createUserRoute,
  update: updateUserRoute,
  addRole: addRoleRoute,
  endRole: endRoleRoute,
  addPost: addPostRoute,
  endPost: endPostRoute,
  deactivate: deactivateUserRoute,
  reactivate: reactivateUserRoute,
  resetPassword: resetPasswordRoute,
  unlock: unlockUserRoute,
  unbindWechat: unbindWechatRoute,
})
