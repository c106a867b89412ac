package sandbox

import "sync"

// signal wakes everybody waiting for something to happen: wait returns a
// channel that fire closes. Take the channel before looking, then wait on
// it, and nothing that happens in between is missed.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

// wait returns the channel the next fire closes.
func (s *signal) wait() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

// fire wakes every waiter.
func (s *signal) fire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}
