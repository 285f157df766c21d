// Role-based policy for offering IAM roles per app, modelled on Teleport roles and users.
export { appAccountId, offerFor, RoleAccess } from './access';
export type { AccessContext, AppRoleOffer } from './access';
export { parsePolicyFile } from './file';
export { IdentityStore } from './identity';
export type { Identity, IdentityPatch } from './identity';
export { labelsMatch, labelValueMatches } from './labels';
export type { LabelSelector } from './labels';
export { managedPolicyPath } from './managed';
export { PolicyFileError } from './model';
export type {
  OfferedRole, OfferedRoles, Policy, PolicyIdentity, PolicyIssue, PolicyRole, PolicySource, PolicyUser, PolicyWarning, RoleConditions,
} from './model';
export { offeredRoles } from './offered';
export { managedPolicyStatus, PolicyStore, staleFiles } from './store';
export type { LoadedPolicy, ManagedPolicyStatus, PolicyFileInfo, PolicyLoadError } from './store';
export { expandValue, parseValue, TemplateError } from './template';
export type { TraitSources } from './template';
