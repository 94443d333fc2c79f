/// Small Redis helpers shared by presence and the contacts projection: Lua scripts run by SHA
/// ([io.wya.gateway.redis.RedisScript]) and one subscriber connection per instance that resubscribes
/// and signals a resync after a drop ([io.wya.gateway.redis.RedisSubscriber]).
package io.wya.gateway.redis;
