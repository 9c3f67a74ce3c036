-- Each message wrote two index entries besides its row: the primary key (conversation, sequence)
-- and this unique client id. The second guards nothing the first does not. A conversation grain
-- answers a repeated client id from the ids it loaded with the conversation's entries, and an
-- activation that has not seen an entry has not seen its sequence number either, so its write
-- of that number fails on the primary key and it starts over from storage. Without this index
-- each message updates one index instead of two, so every commit writes and syncs less.
DROP INDEX chat_entry_by_client_id;
