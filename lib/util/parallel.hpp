#pragma once
// Ordered work on a few threads: loading many files (books/), rendering many documents
// (invoicing/files.cpp).

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace util {

// The number of threads for such work: the machine's cores, at most `cap`, at least 1.
inline unsigned worker_threads(unsigned cap = 4) {
  const unsigned n = std::thread::hardware_concurrency();
  return std::clamp(n == 0 ? 1U : n, 1U, cap);
}

// Runs work(i) for i in [0, n) on up to `threads` threads and consume(i, result) on the calling
// thread in order 0, 1, ..., n-1, as results become ready. At most `window` results wait
// unconsumed, so memory stays bounded whatever n is. An exception from work() or consume() is
// rethrown here after the threads have stopped.
template <class Work, class Consume>
void for_each_ordered(std::size_t n, unsigned threads, std::size_t window, Work work, Consume consume) {
  using Result = decltype(work(std::size_t{0}));
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) consume(i, work(i));
    return;
  }
  window = std::max<std::size_t>(window, threads);
  std::vector<std::optional<Result>> slots(n);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // the next index a worker takes
  std::size_t consumed = 0; // results consumed so far
  bool stop = false;
  std::exception_ptr failure;

  auto worker = [&] {
    while (true) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= n || next < consumed + window; });
        if (stop || next >= n) return;
        i = next++;
      }
      try {
        Result r = work(i);
        std::lock_guard lock(mutex);
        slots[i].emplace(std::move(r));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  try {
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  } catch (...) { // no thread could be started: do the rest here
    std::unique_lock lock(mutex);
    if (pool.empty()) {
      stop = true;
      lock.unlock();
      for (std::size_t i = 0; i < n; ++i) consume(i, work(i));
      return;
    }
  }
  try {
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<Result> r;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || slots[i].has_value(); });
        if (!slots[i]) break; // stopped by a failure
        r.swap(slots[i]);
      }
      consume(i, std::move(*r));
      {
        std::lock_guard lock(mutex);
        consumed = i + 1;
      }
      changed.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mutex);
    if (!failure) failure = std::current_exception();
    stop = true;
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
  }
  changed.notify_all();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

} // namespace util
