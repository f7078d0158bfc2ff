fn main() {
    account_console::start();
}
