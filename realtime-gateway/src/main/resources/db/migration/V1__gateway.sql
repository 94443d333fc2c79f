-- The realtime gateway's truth (GATEWAY_SPEC §5–§8). Never edited once released: add V2__… instead.

-- Devices bound to a Polycentric user (AUTH-4).
create table devices (
  user_id       bytea       not null,
  device_id     bytea       not null,
  registered_at timestamptz not null,
  primary key (user_id, device_id)
);

-- One-time and last-resort KeyPackages (KP-1…KP-9). A claim deletes a one-time row in the
-- transaction that returns it; a last-resort row is only replaced by a newer upload.
create table key_packages (
  ref          bytea       primary key,
  user_id      bytea       not null,
  device_id    bytea       not null,
  cipher_suite integer     not null,
  init_key     bytea       not null,
  last_resort  boolean     not null,
  not_after    timestamptz not null,
  uploaded_at  timestamptz not null,
  key_package  bytea       not null,
  foreign key (user_id, device_id) references devices (user_id, device_id)
);
create unique index key_packages_init_key on key_packages (init_key);
create unique index key_packages_last_resort on key_packages (user_id, device_id, cipher_suite) where last_resort;
create index key_packages_pool on key_packages (user_id, device_id, cipher_suite, uploaded_at) where not last_resort;

-- Every KeyPackageRef this gateway issued, kept after a claim deletes the package: a Commit may
-- only add a device with a KeyPackage issued for it (MBR-2), and Welcomes are routed by ref.
create table key_package_refs (
  ref        bytea       primary key,
  user_id    bytea       not null,
  device_id  bytea       not null,
  not_after  timestamptz not null
);
create index key_package_refs_not_after on key_package_refs (not_after);

-- One row per conversation; `for update` on it serialises everything that changes the log.
create table conversations (
  conv_id           bytea       primary key,
  conv_home         text        not null,
  cipher_suite      integer     not null,
  epoch             bigint      not null,
  head_seq          bigint      not null,
  group_info        bytea       not null,
  group_info_epoch  bigint      not null,
  creator_user      bytea       not null,
  creator_device    bytea       not null,
  creation_digest   bytea       not null,
  successor_conv_id bytea,
  created_at        timestamptz not null
);

-- A device's window [added_seq, removed_seq] in a conversation, its leaf and its ack cursor.
create table members (
  conv_id     bytea  not null references conversations (conv_id),
  user_id     bytea  not null,
  device_id   bytea  not null,
  leaf_index  bigint not null,
  added_seq   bigint not null,
  removed_seq bigint,
  acked_seq   bigint not null,
  primary key (conv_id, user_id, device_id)
);
create unique index members_active_leaf on members (conv_id, leaf_index) where removed_seq is null;
create index members_by_device on members (user_id, device_id);

-- The append-only log: seq is gap-free per conversation (SEQ-1), msg_id unique (SEQ-2).
create table entries (
  conv_id           bytea       not null references conversations (conv_id),
  seq               bigint      not null,
  msg_id            bytea       not null,
  kind              smallint    not null,
  epoch             bigint      not null,
  sender_user       bytea       not null,
  sender_device     bytea       not null,
  mls_message       bytea       not null,
  welcome           bytea,
  group_info        bytea,
  successor_conv_id bytea,
  origin_gateway    text        not null,
  accepted_at       timestamptz not null,
  primary key (conv_id, seq)
);
create unique index entries_msg_id on entries (conv_id, msg_id);
create index entries_accepted_at on entries (accepted_at);

-- Proposals of the current epoch, for Commits that reference them (EPOCH-3, COMMIT-4).
create table pending_proposals (
  conv_id     bytea  not null references conversations (conv_id),
  ref         bytea  not null,
  epoch       bigint not null,
  seq         bigint not null,
  sender_leaf bigint not null,
  message     bytea  not null,
  primary key (conv_id, ref)
);
