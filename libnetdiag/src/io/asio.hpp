// The one way libnetdiag includes Boost.Asio. Debian's Boost 1.74 Asio uses std::exchange in
// awaitable.hpp without including <utility>, which fails under C++20/23, so <utility> comes
// first. Only io/ sources include this; public headers never do.
#pragma once

#include <utility>

#include <boost/asio.hpp>
