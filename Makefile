# Renkei: `make demo` and `make test` each install what is missing first, so both work on a fresh machine.
BUILD ?= build
JOBS ?= $(shell nproc)
PORT ?= 8080
DEMO_DB ?= $(BUILD)/demo.db

.PHONY: deps configure build test test-long unit api e2e fuzz bench demo deb clean format lint

deps:
	@scripts/install-deps.sh

configure: deps
	@test -f $(BUILD)/build.ninja || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Unit tests, the api tests on SQLite and on a private PostgreSQL cluster, the same under ASan/UBSan
# (build-asan), the parser fuzz corpus run, and the browser tests.
test: build
	@scripts/test.sh

# Everything above, then the server under ThreadSanitizer (build-tsan) through the api tests.
test-long: build
	@scripts/test.sh
	@scripts/test.sh tsan

unit: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

api: build
	@scripts/test.sh api

fuzz: deps
	@scripts/test.sh fuzz

e2e: build
	@scripts/test.sh e2e

bench: build
	@scripts/bench.sh

# The Debian package: $(BUILD)/renkei_<version>_amd64.deb (docs/operations.md).
deb: build
	@cd $(BUILD) && cpack -G DEB >/dev/null && ls -1 $$PWD/renkei_*_amd64.deb

demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BUILD)/renkei demo --db sqlite:$(DEMO_DB)
	@echo "Renkei demo: http://127.0.0.1:$(PORT)/  (accounts: see README.md)"
	@$(BUILD)/renkei serve --db sqlite:$(DEMO_DB) --listen 127.0.0.1:$(PORT)

# The style (.clang-format) and clang-tidy's checks (.clang-tidy), on every file; any finding fails.
lint: build
	@clang-format --dry-run --Werror $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp')
	@run-clang-tidy -quiet -p $(BUILD) -j $(JOBS) -extra-arg=-Wno-unknown-warning-option '/(src|tests)/.*\.cpp$$' > $(BUILD)/clang-tidy.log 2>&1 \
	  || { grep -E 'error:|warning:' $(BUILD)/clang-tidy.log | sort -u; echo "clang-tidy: see $(BUILD)/clang-tidy.log"; exit 1; }
	@echo "lint: clean"

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp')

clean:
	@rm -rf $(BUILD) build-asan build-tsan build-fuzz
