/// The Polycentric-compatible social node.
package io.wya.social;
