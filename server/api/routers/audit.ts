import { verifyAudit } from '../../services/audit';
import { exportAuditCsv, listAudit } from '../../services/audit-query';
import { procedure } from '../init';
import { AuditListInput } from '../version-inputs';

export const auditRouter = {
  list: procedure.input(AuditListInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
  exportCsv: procedure.input(AuditListInput).query(({ ctx, input }) => exportAuditCsv(ctx.db, input)),
  verify: procedure.query(({ ctx }) => verifyAudit(ctx.db)),
};
