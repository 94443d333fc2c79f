/// What the node's Redis users share: Lua scripts sent by digest.
package io.wya.social.redis;
