// Accounts whose every committed state has all balances equal: a read that mixes two states shows it.
import { mutationGeneric as mutation, queryGeneric as query } from "convex/server";
import { v } from "convex/values";

export const seed = mutation({
  args: { n: v.number() },
  handler: async (ctx, { n }) => {
    for (let i = 0; i < n; i++)
      await ctx.db.insert("accounts", { name: `acct-${String(i).padStart(3, "0")}`, balance: 100 });
  },
});

/** One writer round: every permanent account +1, a new temporary account, the previous temporary one deleted. */
export const round = mutation({
  args: {},
  handler: async (ctx) => {
    const all = await ctx.db.query("accounts").collect();
    for (const a of all) {
      if (a.name.startsWith("tmp-")) await ctx.db.delete(a._id);
      else await ctx.db.patch(a._id, { balance: a.balance + 1 });
    }
    await ctx.db.insert("accounts", { name: `tmp-${Date.now()}-${Math.random()}`, balance: 0 });
  },
});

/** Through the index, in name order. */
export const balances = query({
  args: {},
  handler: async (ctx) =>
    (await ctx.db.query("accounts").withIndex("by_name").collect()).map((a) => ({ name: a.name, balance: a.balance })),
});

/** Through a full table scan, one document by id, and count. */
export const summary = query({
  args: {},
  handler: async (ctx) => {
    const all = await ctx.db.query("accounts").collect();
    const first = all.find((a) => a.name === "acct-000");
    const again = first ? await ctx.db.get(first._id) : null;
    return {
      total: all.filter((a) => !a.name.startsWith("tmp-")).reduce((s, a) => s + a.balance, 0),
      docs: all.length,
      count: await (ctx.db.query("accounts") as unknown as { count(): Promise<number> }).count(),
      first: again?.balance ?? null,
    };
  },
});
