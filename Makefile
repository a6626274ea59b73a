# The two commands a new user needs: `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
GRPC_LISTEN ?= 127.0.0.1:50051
HTTP_LISTEN ?= 127.0.0.1:8080
DB ?= var/welkom.db

.PHONY: all deps configure build test check run clean format

all: build

deps:
	@bash deploy/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --timeout 600 -j 2

# `run` builds only what it starts (and welkomctl, the first client to try);
# `test` builds everything.
RUN_TARGETS ?= welkomd welkomctl

run: configure
	cmake --build $(BUILD_DIR) --target $(RUN_TARGETS)
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/server/welkomd --db $(DB) --demo --grpc-listen $(GRPC_LISTEN) --http-listen $(HTTP_LISTEN)

# The gates CI runs after `test` (tests/check/run.sh): for now, that every
# C/C++ file is formatted as `make format` writes it.
check: deps
	bash tests/check/run.sh

format:
	git ls-files '*.h' '*.cc' '*.c' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
