import type { PrismaClient } from "@koe/db";
import { initTRPC } from "@trpc/server";

/** What every procedure sees. Auth (the signed-in user and their company) joins it with the auth work. */
export type Context = { prisma: PrismaClient };

const t = initTRPC.context<Context>().create();

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
