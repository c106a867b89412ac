// Package sandbox is onboard's embedded provider sandbox: a real net/http
// server, backed by SQLite, that answers the LinkCy partner API and Weavr's
// Multi API with the same paths, bodies, status codes and error shapes as
// the providers, and
// adds the pages a demo needs (the KYC simulator, the email link, the
// outbox of SMS and emails it "sent").
//
// Provider APIs are mounted under their own prefix (/linkcy/…, and Weavr's
// Multi API and simulator under /weavr/multi/… and /weavr/simulate/api/…);
// the sandbox's own pages are under /sandbox/ and /healthz.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/defaults"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"

	"golang.org/x/crypto/bcrypt"
)

// Defaults for Options.
const (
	DefaultPartnerName     = defaults.PartnerName
	DefaultPartnerUser     = "partner"
	DefaultPartnerPassword = "sandbox-partner"
	DefaultTermsVersion    = "1.0"
	DefaultSecretTTL       = 5 * time.Minute
	DefaultResendCooldown  = 30 * time.Second
	DefaultAccessTTL       = 15 * time.Minute
	DefaultRefreshTTL      = 30 * 24 * time.Hour
	MaxBodyBytes           = 1 << 20
)

// Options configure a Server. The zero value is a usable in-memory sandbox.
type Options struct {
	// DB is the SQLite file; "" or ":memory:" keeps everything in memory.
	// A postgres:// URL is a PostgreSQL database instead, which several
	// sandbox processes may share (store_pg.go).
	DB string
	// Readers is how many read-only connections a file-backed database
	// gets beside the one writer: 0 picks one per processor (2 to 8); -1
	// none, so reads share the writer, which suits one user (the embedded
	// sandbox: no connections to open, no statements to prepare twice).
	Readers int
	// Now is the clock; tests inject one to expire secrets without sleeping.
	Now func() time.Time
	// Logger gets one line per request (never a body or a header value).
	// Nil discards. `onboard sandbox --log-format json` gives one made
	// with slog.NewJSONHandler.
	Logger *slog.Logger
	// PartnerName is the partner this sandbox serves.
	PartnerName string
	// SessionPartners also accepts any partner named PartnerName-SUFFIX
	// (SUFFIX 32 hex digits, see NewSessionPartner), each a tenant of its
	// own: its consumers and outbox are invisible to the others, and the
	// outbox answers only a request that names one. `onboard serve` gives
	// each SSH session one, so sessions never see each other's data.
	SessionPartners bool
	// PartnerUser and PartnerPassword are the partner's login.
	PartnerUser, PartnerPassword string
	// PublicURL is the base of the links the sandbox hands out (KYC page,
	// email link), e.g. a LAN address a phone can open. Empty means the
	// scheme and Host of the request that asked for the link.
	PublicURL string
	// TermsVersion is the current terms version; raising it turns
	// termsAccepted false for every consumer.
	TermsVersion string
	// SecretTTL is the SMS secret's lifetime; ResendCooldown the wait
	// before another may be sent.
	SecretTTL, ResendCooldown time.Duration
	// AccessTTL is the access token's lifetime.
	AccessTTL time.Duration
	// KYCAutoApprove, when positive, approves a KYC that long after its
	// link was created (it shows PROCESSING half-way).
	KYCAutoApprove time.Duration
	// BcryptCost is the password hash cost; 0 means bcrypt.DefaultCost.
	BcryptCost int
	// FastPasswords stores passwords as salted SHA-256 instead of bcrypt.
	// It is for load tests, where bcrypt, even at its minimum cost, is
	// most of the sandbox's work; a database written with it must never
	// hold a password anybody uses elsewhere.
	FastPasswords bool
	// WeavrAPIKey is the programme key the Weavr emulation accepts (its
	// api-key and the simulator's programme-key); WeavrProfileID its
	// consumer profile. Empty means the Default ones.
	WeavrAPIKey, WeavrProfileID string
	// BodyTimeout bounds how long a request body may take to arrive
	// (deadline.go); 0 means DefaultBodyTimeout.
	BodyTimeout time.Duration
	// SCA is LinkCy's strong customer authentication on a consumer
	// update that changes the phone or an address already set: SCAOff
	// ("" too), SCAPush or SCAJoinCode (linkcy_sca.go).
	SCA string
	// Faults is the fault plan to start with (see ParseFaults); it can be
	// changed later with SetFaults or PUT /sandbox/faults.
	Faults Faults
	// Webhooks are endpoint URLs to register (webhooks.go); more can be
	// added with POST /sandbox/webhooks.
	Webhooks []string
	// WebhookSecret signs what goes to Webhooks (whsec_…); empty means the
	// database's, made on first use (see Server.NewWebhookSecret).
	WebhookSecret string
	// WebhookSchedule is the wait before each retry; nil means
	// DefaultWebhookSchedule. Tests shorten it.
	WebhookSchedule []time.Duration
	// WebhookClient sends the deliveries; nil means one with
	// WebhookTimeout.
	WebhookClient *http.Client
}

func (o *Options) fill() {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.PartnerName == "" {
		o.PartnerName = DefaultPartnerName
	}
	if o.PartnerUser == "" {
		o.PartnerUser = DefaultPartnerUser
	}
	if o.PartnerPassword == "" {
		o.PartnerPassword = DefaultPartnerPassword
	}
	if o.TermsVersion == "" {
		o.TermsVersion = DefaultTermsVersion
	}
	if o.SecretTTL <= 0 {
		o.SecretTTL = DefaultSecretTTL
	}
	if o.ResendCooldown <= 0 {
		o.ResendCooldown = DefaultResendCooldown
	}
	if o.AccessTTL <= 0 {
		o.AccessTTL = DefaultAccessTTL
	}
	if o.BodyTimeout <= 0 {
		o.BodyTimeout = DefaultBodyTimeout
	}
	if o.BcryptCost == 0 {
		o.BcryptCost = bcrypt.DefaultCost
	}
	if o.WeavrAPIKey == "" {
		o.WeavrAPIKey = DefaultWeavrAPIKey
	}
	if o.WeavrProfileID == "" {
		o.WeavrProfileID = DefaultWeavrProfileID
	}
	if o.WebhookSchedule == nil {
		o.WebhookSchedule = DefaultWebhookSchedule
	}
	if o.WebhookClient == nil {
		o.WebhookClient = &http.Client{Timeout: WebhookTimeout, Transport: hookTransport()}
	}
	o.PublicURL = strings.TrimRight(o.PublicURL, "/")
}

// Server is the sandbox. It is an http.Handler; Close releases the database.
type Server struct {
	opts    Options
	pw      passwords
	st      *store
	key     []byte
	handler http.Handler
	codes   map[string]bool // accepted calling codes, read-only after New
	pages   *pages
	faults  faultState
	// ending is closed by EndWaits: held outbox requests answer at once.
	ending  chan struct{}
	endOnce sync.Once
	// tokens are the access tokens verified lately (tokencache.go).
	tokens  *tokenCache
	metrics *metrics
	// The webhook deliverer (webhook_deliver.go): hooksStop ends it, and it
	// closes hooksDone; retries are when its failed deliveries come due
	// again. madeSecret is the signing secret New made, if any.
	hookClient           *http.Client
	retries              retries
	hooksStop, hooksDone chan struct{}
	hooksOnce            sync.Once
	hooksOn              atomic.Bool
	madeSecret           string
}

// New opens the database and builds the routes.
func New(ctx context.Context, opts Options) (*Server, error) {
	opts.fill()
	st, err := openStore(ctx, opts.DB, opts.Readers, opts.Now)
	if err != nil {
		return nil, err
	}
	key, err := st.signingKey(ctx)
	if err != nil {
		st.close()
		return nil, err
	}
	pg, err := loadPages()
	if err != nil {
		st.close()
		return nil, err
	}
	s := &Server{opts: opts, pw: passwords{cost: opts.BcryptCost, fast: opts.FastPasswords}, st: st, key: key, codes: callingCodeSet(), pages: pg, ending: make(chan struct{}),
		tokens: newTokenCache(tokenCacheSize), metrics: newMetrics(), hookClient: opts.WebhookClient, hooksStop: make(chan struct{}), hooksDone: make(chan struct{})}
	st.stepped = s.metrics.step
	if s.madeSecret, err = s.startWebhooks(ctx); err != nil {
		st.close()
		return nil, err
	}
	s.faults.set(opts.Faults)
	s.handler = s.faulty(s.middleware(s.routes()))
	// On PostgreSQL every process starts its deliverer, ready to take
	// over from the one that delivers (webhook_leader.go): one started
	// before another registered the endpoints, and idle since, would
	// otherwise leave the dead one's retries unsent. Alone on SQLite, a
	// process starts it with its endpoints or its first delivery.
	st.delivering = s.startDeliverer
	if has, err := s.st.hasEndpoints(ctx); st.pg != nil || err != nil || has {
		s.startDeliverer() // on an error, a loop that finds nothing costs little
	}
	return s, nil
}

// NewWebhookSecret returns the signing secret New made for the endpoints
// of Options.Webhooks, for the caller to show once; "" when it was given,
// or made before (by an earlier start, or another process of the sandbox).
func (s *Server) NewWebhookSecret() string { return s.madeSecret }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, s.withBodyDeadline(w, r))
}

// Close stops the webhook deliveries and closes the database.
func (s *Server) Close() error {
	s.hooksOnce.Do(func() {}) // no deliverer starts from now on
	if s.hooksOn.Load() {
		select {
		case <-s.hooksStop:
		default:
			close(s.hooksStop)
		}
		<-s.hooksDone
	}
	return s.st.close()
}

// PartnerName returns the partner this sandbox serves.
func (s *Server) PartnerName() string { return s.opts.PartnerName }

// knowsPartner reports whether name is a partner of this sandbox.
func (s *Server) knowsPartner(name string) bool {
	if name == s.opts.PartnerName {
		return true
	}
	return s.isSession(name)
}

// isSession reports whether name is one of this sandbox's session
// partners (see NewSessionPartner); never without SessionPartners.
func (s *Server) isSession(name string) bool {
	return s.opts.SessionPartners && isSessionPartner(s.opts.PartnerName, name)
}

// routes lists every endpoint in one place.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	h := s.handle
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.Handle("GET /sandbox/outbox", h(s.handleOutbox))
	mux.HandleFunc("GET /sandbox/kyc/{token}", s.handleKYCPage)
	mux.HandleFunc("POST /sandbox/kyc/{token}", s.handleKYCAction)
	mux.HandleFunc("GET /sandbox/email/{token}", s.handleEmailLink)
	mux.HandleFunc("GET /sandbox/sca", s.handleSCAJoin)
	mux.HandleFunc("GET /sandbox/sca/{id}", s.handleSCAPage)
	mux.HandleFunc("POST /sandbox/sca/{id}", s.handleSCAAction)
	mux.Handle("GET /sandbox/faults", h(s.handleFaults))
	mux.Handle("PUT /sandbox/faults", h(s.handleFaults))
	mux.Handle("DELETE /sandbox/faults", h(s.handleFaults))
	mux.Handle("GET /sandbox/webhooks", h(s.handleWebhooks))
	mux.Handle("POST /sandbox/webhooks", h(s.handleAddWebhook))
	mux.Handle("POST /sandbox/webhooks/{id}/replay", h(s.handleReplayWebhook))
	mux.Handle("GET /metrics", s.metrics.handler())

	const p = "/linkcy/api/partner/"
	mux.Handle("GET "+p+"terms", h(s.handleTerms))
	mux.Handle("POST "+p+"consumers", h(s.handleCreateConsumer))
	mux.Handle("GET "+p+"consumers", h(s.handleListConsumers))
	mux.Handle("GET "+p+"consumers/{consumerId}", h(s.handleGetConsumer))
	mux.Handle("PATCH "+p+"consumers/{consumerId}", h(s.handleUpdateConsumer))
	mux.Handle("GET "+p+"consumers/external/{externalId}", h(s.handleGetConsumerByExternalID))
	mux.Handle("POST "+p+"passwords/reset", h(s.handlePasswordReset))
	mux.Handle("POST "+p+"passwords/reset/sandbox", h(s.handlePasswordResetSandbox))
	mux.Handle("POST "+p+"passwords/change", h(s.handlePasswordChange))
	mux.Handle("POST "+p+"login", h(s.handleLogin))
	mux.Handle("POST "+p+"refresh", h(s.handleRefresh))
	mux.Handle("POST "+p+"verifications/phone/send", h(s.handlePhoneSend))
	mux.Handle("POST "+p+"verifications/phone/verify", h(s.handlePhoneVerify))
	mux.Handle("POST "+p+"verifications/email/send", h(s.handleEmailSend))
	mux.Handle("POST "+p+"kyc", h(s.handleCreateKYC))
	mux.Handle("GET "+p+"kyc", h(s.handleListKYC))
	mux.Handle("GET "+p+"kyc/{kycId}", h(s.handleGetKYC))
	// Anything else under a provider prefix gets that provider's JSON 404,
	// never ServeMux's plain-text one.
	mux.Handle("/linkcy/", h(func(http.ResponseWriter, *http.Request) error {
		return newErr(http.StatusNotFound, codeNotFound, "No such endpoint.")
	}))
	s.weavrRoutes(mux)
	s.finhubRoutes(mux)
	return mux
}

// handle adapts a handler that returns an error: an *apiError is written
// in LinkCy's shape, anything else is logged and answered with a 500.
func (s *Server) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		var ae *apiError
		if !errors.As(err, &ae) {
			s.opts.Logger.Error("internal error", "route", route(r), "err", err)
			ae = newErr(http.StatusInternalServerError, codeInternal, "%s", internalMessage(err))
		}
		writeError(w, ae, s.opts.Now())
	})
}

// publicBase is the scheme://host the sandbox's links start with.
func (s *Server) publicBase(r *http.Request) string {
	if s.opts.PublicURL != "" {
		return s.opts.PublicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// statusRecorder remembers the status for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (sr *statusRecorder) WriteHeader(code int) {
	if sr.status == 0 {
		sr.status = code
	}
	sr.ResponseWriter.WriteHeader(code)
}

func (sr *statusRecorder) Write(b []byte) (int, error) {
	if sr.status == 0 {
		sr.status = http.StatusOK
	}
	n, err := sr.ResponseWriter.Write(b)
	if err != nil {
		return n, fmt.Errorf("writing the answer: %w", err)
	}
	return n, nil
}

// middleware, outermost first: recover, request id, access log, body cap.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newID()
		w.Header().Set("Request-Id", id)
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler { //nolint:errorlint // sentinel compared by identity, as net/http does
					panic(v)
				}
				s.opts.Logger.Error("panic", "route", route(r), "panic", fmt.Sprint(v))
				if rec.status == 0 {
					writeError(rec, newErr(http.StatusInternalServerError, codeInternal, "Something went wrong in the sandbox."), s.opts.Now())
				}
			}
			pattern := route(r)
			s.metrics.request(pattern, rec.status)
			s.opts.Logger.Info("request", "route", pattern, "status", rec.status, "duration", time.Since(start).Round(time.Microsecond), "request_id", id)
		}()
		limit := int64(MaxBodyBytes)
		if strings.HasPrefix(r.URL.Path, "/finhub/") && strings.HasSuffix(r.URL.Path, "/documents") {
			limit = maxDocumentBody // an identity document, in base64
		}
		r.Body = http.MaxBytesReader(rec, r.Body, limit)
		next.ServeHTTP(rec, r)
	})
}

// Outbox returns the messages the sandbox "sent" to recipient (E.164 phone
// or email; "" for all), oldest first, after message id since.
func (s *Server) Outbox(ctx context.Context, recipient string, since int64) ([]Message, error) {
	return s.st.outbox(ctx, outbox.AnyOf(recipient), "", since)
}

// route names r for the log and the metrics by the pattern it matched,
// never by its path: a path can hold a capability (a KYC page's token),
// and a client's made-up paths must not make a metric series each.
func route(r *http.Request) string {
	if r.Pattern == "" {
		return r.Method + " (no route)"
	}
	return r.Pattern
}
