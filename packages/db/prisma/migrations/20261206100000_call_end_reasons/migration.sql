-- AlterEnum
ALTER TYPE "CallEndReason" ADD VALUE 'realtime_refused';
ALTER TYPE "CallEndReason" ADD VALUE 'peer_stalled';
ALTER TYPE "CallEndReason" ADD VALUE 'call_fault';

-- AlterEnum
ALTER TYPE "OperatorAlertKind" ADD VALUE 'realtime_refused';
