"""Bulk audit: archives streamed into shards, audited in parallel, kept in a resumable store.

plan.py cuts inputs into shards; shard.py audits one shard (the function both the
local workers and Dask run); store.py is the SQLite store; workers.py and
dask_engine.py run shards; aggregate.py and summary.py turn a store into a report.
"""
